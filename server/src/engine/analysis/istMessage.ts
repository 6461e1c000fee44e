// The shape of one entry of Istio's IST message catalogue (messages.gen.ts holds the data).

export interface IstMessage {
  name: string;
  level: 'Error' | 'Warning' | 'Info';
  description: string;
  /** Go fmt template (%s, %q, %v, %d). */
  template: string;
  args: readonly string[];
}
