import { toText } from './json';

/** What to log for a caught value: an Error's stack (or message), anything else as text. */
export const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : toText(e));
