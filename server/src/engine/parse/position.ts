// Positions in a text: 0-based lines and UTF-16 characters, as LSP and JS strings count them.

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
