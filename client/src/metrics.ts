// Activation timing, exposed through the extension's API so the real-VS-Code tests can report it:
// from activate() being called to the server's first published diagnostics.
export interface ActivationMetrics {
  activatedAt: number;
  clientReadyMs?: number;
  firstDiagnosticsMs?: number;
}

export function createMetrics(): ActivationMetrics & { markReady(): void; markDiagnostics(): boolean } {
  const m = {
    activatedAt: Date.now(),
    clientReadyMs: undefined as number | undefined,
    firstDiagnosticsMs: undefined as number | undefined,
    markReady() {
      m.clientReadyMs = Date.now() - m.activatedAt;
    },
    /** Returns true the first time only. */
    markDiagnostics() {
      if (m.firstDiagnosticsMs !== undefined) return false;
      m.firstDiagnosticsMs = Date.now() - m.activatedAt;
      return true;
    },
  };
  return m;
}
