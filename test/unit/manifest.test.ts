// The manifest as a marketplace and a translator see it: every user-facing string is a
// package.nls.json key, every key is used, and every command the code registers is
// contributed with a title.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/commands/ids';

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  contributes: {
    commands: { command: string; title: string; category: string }[];
    viewsContainers: { activitybar: { title: string }[] };
    views: Record<string, { name: string; contextualTitle?: string }[]>;
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string; items?: { properties?: Record<string, { description?: string }> } }> };
    walkthroughs: { title: string; description: string; steps: { title: string; description: string }[] }[];
  };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

const KEY = /^%([^%]+)%$/;

/** Every string in the manifest that is a %key% placeholder. */
function placeholders(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = KEY.exec(value);
    if (match?.[1]) {
      found.push(match[1]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => placeholders(item, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((item) => placeholders(item, found));
  }
  return found;
}

describe('manifest localisation', () => {
  it('resolves every %key% and uses every key of package.nls.json', () => {
    const used = new Set(placeholders(manifest));
    assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'keys missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'unused keys in package.nls.json');
    assert.ok(Object.values(nls).every((text) => text.trim().length > 0));
  });

  it('takes every user-facing manifest string from package.nls.json', () => {
    const { contributes } = manifest;
    const strings: string[] = [
      String(manifest['displayName']),
      String(manifest['description']),
      ...contributes.commands.flatMap((c) => [c.title, c.category]),
      ...contributes.viewsContainers.activitybar.map((c) => c.title),
      ...Object.values(contributes.views).flat().flatMap((v) => [v.name, v.contextualTitle ?? '%x%']),
      contributes.configuration.title,
      ...Object.values(contributes.configuration.properties).flatMap((p) => [
        p.markdownDescription ?? p.description ?? '',
        ...Object.values(p.items?.properties ?? {}).map((item) => item.description ?? '%x%'),
      ]),
      ...contributes.walkthroughs.flatMap((w) => [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description])]),
    ];
    assert.deepEqual(strings.filter((text) => !KEY.test(text)), []);
  });

  it('contributes, with a title, every command the code registers by id', () => {
    const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    for (const id of Object.values(COMMANDS)) {
      const title = contributed.get(id);
      assert.ok(title, `${id} is contributed`);
      assert.ok(nls[title.replace(/%/g, '')], `${id} has a title`);
    }
  });

  it('links walkthrough steps only to contributed commands', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const linked = [...Object.values(nls).join('\n').matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1] ?? '');
    assert.ok(linked.length >= 4);
    // `<view>.focus` is created by VS Code for every contributed view.
    assert.deepEqual(linked.filter((id) => !contributed.has(id) && !id.endsWith('.focus')), []);
  });
});
