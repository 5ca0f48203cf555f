import { z } from "zod";
import { nearestWord } from "./nearest-word.js";

/**
 * An object schema that refuses keys it does not know, one issue per key at
 * the key's own path, saying which known key was probably meant
 * ("cluster.node: unknown key; did you mean nodes?"). zod's own .strict()
 * reports all of an object's unknown keys as one issue at the object's path.
 */
export function strictObject<const T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  const unknownKey = z.custom<never>(() => false, {
    abort: false, // the other keys are still judged; and a union can tell the object was meant
    error: (issue) => {
      const typed = String(issue.path?.at(-1));
      const meant = nearestWord(typed, known);
      return meant ? `unknown key; did you mean ${meant}?` : `unknown key; expected one of ${known.join(", ")}`;
    },
  });
  // typed as zod's strict object: a parse that succeeds has no key outside the shape
  return z.object(shape).catchall(unknownKey) as unknown as z.ZodObject<T, z.core.$strict>;
}
