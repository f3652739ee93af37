// Arguments that let a command skip its prompt. A command link, the palette, a keybinding or
// another extension can run any registered command with any JSON arguments, so a plain string
// must never stand in for a key, a worker id, a label, a filter or a file to write. Only a
// Given, an instance of this class, does: JSON cannot produce one, so only the extension's
// own code (and tests, through the ExtensionApi) can. No VS Code here.

export class Given<T> {
  private constructor(readonly value: T) {}

  /** Wraps a value the extension itself decided on. */
  static of<T>(value: T): Given<T> {
    return new Given(value);
  }
}

/** The value of a Given that passes `accept`; undefined for anything else, which then prompts. */
export function givenValue<T>(argument: unknown, accept: (value: unknown) => value is T): T | undefined {
  return argument instanceof Given && accept(argument.value) ? argument.value : undefined;
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}
