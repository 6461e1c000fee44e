// conditions.ConditionAnalyzer edges: which condition types count, YAML 1.1 booleans, ranges.
import { analyzerCases, type AnalyzerCase } from './run-analyzer';

const svc = (conditions: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: ns\nstatus:\n  conditions:\n${conditions}`;
const cases: AnalyzerCase[] = [
  {
    name: 'WaypointBound False is reported on its type',
    yaml: svc('  - type: istio.io/WaypointBound\n    status: "False"\n    reason: NoWaypoint\n'),
    expect: ['IST0171|istio.io/WaypointBound'],
  },
  {
    name: 'an unquoted False (a YAML 1.1 boolean) counts too',
    yaml: svc('  - type: istio.io/WaypointBound\n    status: False\n'),
    expect: ['IST0171|istio.io/WaypointBound'],
  },
  { name: 'True is fine', yaml: svc('  - type: istio.io/WaypointBound\n    status: "True"\n'), expect: [] },
  {
    name: 'condition types Istio does not own are ignored',
    yaml: svc('  - type: Ready\n    status: "False"\n'),
    expect: [],
  },
  {
    name: 'a route reports per parent condition',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nstatus:\n  parents:\n  - conditions:\n    - type: Accepted\n      status: "True"\n    - type: ResolvedRefs\n      status: "False"\n',
    expect: ['IST0171|ResolvedRefs'],
  },
];
analyzerCases('conditions.ConditionAnalyzer', cases, (f) => `${f.code}|${f.text}`);
