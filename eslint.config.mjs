// Flat config: typescript-eslint's type-aware recommended rules over src/ and test/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.artifacts/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: 'error',
    },
  },
  {
    // Extension code shows text through vscode.l10n.t, so every message can be translated.
    files: ['src/**/*.ts'],
    ignores: ['src/*/page/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage'].flatMap((method) => [
          {
            selector: `CallExpression[callee.property.name='${method}'] > :matches(Literal, TemplateLiteral).arguments:first-child`,
            message: `Pass ${method} text through vscode.l10n.t.`,
          },
        ]),
        ...['title', 'placeHolder', 'prompt', 'tooltip', 'description', 'label', 'saveLabel'].map((property) => ({
          selector: `Property[key.name='${property}'] > Literal[value=/[A-Za-z]+ [A-Za-z]+/].value`,
          message: `Pass the ${property} text through vscode.l10n.t.`,
        })),
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', AbortController: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
