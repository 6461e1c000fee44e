// Go standard-library behaviour the validators' messages and checks depend on.

/** strconv.ParseBool: the accepted spellings, undefined otherwise. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}
