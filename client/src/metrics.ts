// Activation timing, exposed through the extension's API so the real-VS-Code tests can report it (and
// wait on it): from activate() being called to the server's first published diagnostics, and to its
// workspace index with the first cross-file analysis published.
export interface ActivationMetrics {
  activatedAt: number;
  clientReadyMs?: number;
  firstDiagnosticsMs?: number;
  indexedMs?: number;
  indexedFiles?: number;
}

export function createMetrics(): ActivationMetrics & {
  markReady(): void;
  markDiagnostics(): boolean;
  markIndexed(files: number): void;
} {
  const m = {
    activatedAt: Date.now(),
    clientReadyMs: undefined as number | undefined,
    firstDiagnosticsMs: undefined as number | undefined,
    indexedMs: undefined as number | undefined,
    indexedFiles: undefined as number | undefined,
    markReady() {
      m.clientReadyMs = Date.now() - m.activatedAt;
    },
    /** Returns true the first time only. */
    markDiagnostics() {
      if (m.firstDiagnosticsMs !== undefined) return false;
      m.firstDiagnosticsMs = Date.now() - m.activatedAt;
      return true;
    },
    /** The server's `istioLens/indexed`: sent once per start, after its first analysis is published. */
    markIndexed(files: number) {
      m.indexedMs = Date.now() - m.activatedAt;
      m.indexedFiles = files;
    },
  };
  return m;
}
