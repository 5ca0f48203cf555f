/** A name that Erlang reads as an atom without quotes (pg scopes and groups are atoms). */
export const erlangAtom = {
  pattern: /^[a-z][a-zA-Z0-9_]*$/,
  why: "must be a plain Erlang atom: a lowercase letter, then letters, digits or _",
};
