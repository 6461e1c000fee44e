// A shell here-document saved as a YAML file: a guide's `cat <<EOF | istioctl install -y -f -` (or
// `kubectl apply -f - <<EOF`) above a manifest and `EOF` below it. The file is a shell command, not YAML:
// kubectl or istioctl given the file itself cannot read it. The YAML between the two lines is what the
// command feeds them, so parseFile reads it with the two lines as comments (same offsets) and yaml-syntax
// reports the wrapper once, on its first line, instead of two parser errors that leave the manifest
// unchecked. A line of a YAML document never looks so: `<<` starts a merge key (`<<: *base`), and a
// plain scalar line with `<<` at the start of a line is no YAML.

/** The opening and closing lines of one here-document around YAML: spans of the two lines' text. */
export interface HereDocument {
  /** The line running the command (`cat <<EOF | kubectl apply -f -`), from its start to its end. */
  readonly opener: [number, number];
  /** The delimiter line (`EOF`), from its first non-tab character to its end. */
  readonly closer: [number, number];
  /** The delimiter word. */
  readonly word: string;
}

// A command line at the start of a line (no comment, no sequence item, no merge-conflict marker, no
// `key:` before `<<`) that opens a here-document: `<<WORD`, `<< 'WORD'`, `<<-"WORD"`, anything after it
// (`| kubectl apply -f -`).
const OPENER =
  /^(?![#\-\s<=>])([^\n]*?)<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\3(?![A-Za-z0-9_])[^\n]*$/gm;

/** The here-documents of a text whose opening line is closed by a later line holding only its word. */
export function hereDocuments(text: string): HereDocument[] {
  if (!text.includes('<<')) return [];
  const found: HereDocument[] = [];
  let from = 0;
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(text); m; m = OPENER.exec(text)) {
    const [line, before, dash, , word] = m;
    if (m.index < from || /:([ \t]|$)/.test(before)) continue;
    // Bash ends the here-document at the first line that is the word alone (after tabs, for `<<-`).
    const closing = new RegExp(`^(${dash ? '\\t*' : ''})${word}[ \\t\\r]*$`, 'm');
    const rest = text.slice(m.index + line.length);
    const c = closing.exec(rest);
    if (!c) continue;
    const start = m.index + line.length + c.index + c[1].length;
    found.push({
      opener: [m.index, m.index + line.replace(/[ \t\r]+$/, '').length],
      closer: [start, start + word.length],
      word,
    });
    from = start + word.length;
    OPENER.lastIndex = from;
  }
  return found;
}
