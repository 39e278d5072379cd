/**
 * A piece of SQL whose values travel as parameters: written with the `sql` tag, so a value can
 * never become SQL text, and numbered ($1, $2, …) only when the whole statement is compiled, so
 * fragments combine without renumbering anyone's placeholders.
 */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The text with each value replaced by what `place` gives for it (its placeholder). */
  render(place: (value: unknown) => string): string {
    return this.strings.reduce((text, part, index) => text + part + (index < this.values.length ? place(this.values[index]) : ''), '');
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment([...strings], values);
}
