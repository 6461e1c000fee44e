// The AnalysisContext one analyzer sees: the workspace, the mesh config, and a report() that
// records raw IST reports (turned into diagnostics by runAnalyzers).
import type { PathSegment } from '../parse/nodes';
import type { Analyzer, AnalysisContext, WorkspaceResource, WorkloadPod } from './analyzer';
import type { Workspace } from './workspace';

export interface RawReport {
  code: string;
  resource: WorkspaceResource;
  args: readonly unknown[];
  at?: readonly PathSegment[];
  analyzer: string;
}

export class AnalyzerContext implements AnalysisContext {
  readonly reports: RawReport[] = [];
  private analyzerName = '';

  constructor(
    readonly workspace: Workspace,
    readonly meshConfig: Record<string, any>,
    readonly assumeComplete = false,
    private readonly clusterOfUri?: (uri: string) => string | undefined,
  ) {}

  clusterOf(resource: WorkspaceResource): string | undefined { return this.clusterOfUri?.(resource.file.uri); }

  /** Reports made after this call are attributed to `a`. */
  begin(a: Analyzer): void { this.analyzerName = a.meta.name; }

  resources(kind: string, group?: string): readonly WorkspaceResource[] { return this.workspace.resources(kind, group); }
  find(kind: string, ns: string, name: string, group?: string): WorkspaceResource | undefined { return this.workspace.find(kind, ns, name, group); }
  all(): readonly WorkspaceResource[] { return this.workspace.all; }
  pods(): readonly WorkloadPod[] { return this.workspace.pods(); }
  namespaceNames(): ReadonlySet<string> { return this.workspace.namespaceNames(); }

  report(code: string, resource: WorkspaceResource, args: readonly unknown[], at?: readonly PathSegment[]): void {
    this.reports.push({ code, resource, args, at, analyzer: this.analyzerName });
  }
}
