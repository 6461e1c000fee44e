// The feature gates the API server's validation depends on, with their default per Kubernetes
// version, from the versioned specs of pkg/features/kube_features.go (1.35). Rules that a recent
// release relaxed must follow `istioLens.kubernetesVersion`, or they report what the cluster accepts.

/** [first minor version, default] steps; the last step at or below the version applies. */
const GATES = {
  // Alpha 1.28 (off), beta 1.29 (on), GA 1.33.
  SidecarContainers: [
    [28, false],
    [29, true],
  ],
  // Alpha 1.30 (off), beta 1.32 (on), GA 1.34.
  RelaxedEnvironmentVariableValidation: [
    [30, false],
    [32, true],
  ],
  // Alpha 1.34 (off), beta 1.35 (on): Service names are RFC 1123 labels, not DNS-1035 labels (a
  // 1.35 API server answers `My_Service` with the RFC 1123 label message).
  RelaxedServiceNameValidation: [
    [34, false],
    [35, true],
  ],
  // Alpha 1.34 (off), beta 1.35 (on): restartPolicy on regular containers.
  ContainerRestartRules: [
    [34, false],
    [35, true],
  ],
} satisfies Record<string, [number, boolean][]>;

export type Gate = keyof typeof GATES;

export interface Features {
  minor: number;
  enabled(g: Gate): boolean;
}

/** Features of a "1.N" (or "v1.N.x") version; unparsable input reads as the default 1.35. */
export function featuresOf(version: string): Features {
  const m = /^v?1\.(\d+)/.exec(version.trim());
  const minor = m ? Number(m[1]) : 35;
  return {
    minor,
    enabled(g) {
      let on = false;
      for (const [since, value] of GATES[g] as [number, boolean][]) if (minor >= since) on = value;
      return on;
    },
  };
}
