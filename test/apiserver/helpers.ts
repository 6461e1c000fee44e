// Runs rule k8s-validation on YAML text and returns its messages (and the text each range covers). The
// schema's invalid-format is switched off: k8s-validation then reports the values it would leave to it.
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { k8sValidation } from '../../server/src/engine/rules/k8s-validation';
import type { EngineDiagnostic } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

export interface Found {
  message: string;
  covers: string;
  diagnostic: EngineDiagnostic;
}

export function k8sFindings(yaml: string, kubernetesVersion = '1.35'): Found[] {
  const file = parseFile('file:///t.yaml', yaml, 1);
  const env = testEnv({ kubernetesVersion, disabledCodes: ['invalid-format'] });
  return file.docs.flatMap((doc) =>
    runRules(file, doc, env, [k8sValidation]).map((d) => {
      if (d.code !== 'k8s-validation') throw new Error(`${d.code}: ${d.message}`);
      const s = file.lines.offsetAt(d.range.start),
        e = file.lines.offsetAt(d.range.end);
      return { message: d.message, covers: yaml.slice(s, e), diagnostic: d };
    }),
  );
}

/** A Deployment around a pod spec given as YAML lines (indented for `spec.template.spec`). */
export function deployment(podSpec: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podSpec.replace(/^/gm, '      ')}
${extra}`;
}

export function pod(podSpec: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podSpec.replace(/^/gm, '  ')}
`;
}

export function service(spec: string, name = 'web'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec.replace(/^/gm, '  ')}
`;
}
