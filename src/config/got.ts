/** What the user gave, as it reads at the end of an error message: "(got 3.5)", "(got five)", '(got "")'. */
export function got(value: unknown): string {
  return `(got ${typeof value === "string" && value.trim() !== "" ? value : JSON.stringify(value)})`;
}
