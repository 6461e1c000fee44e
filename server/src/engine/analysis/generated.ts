// Objects a controller creates from an object of the workspace (Flagger's Services and primary workload for
// a Canary, flagger.ts; the Service Istio's gateway controller creates for a Gateway API Gateway,
// gatewayController.ts): read like any other, reported on never.
import type { Node } from 'yaml';
import type { WorkspaceResource } from './analyzer';
import type { PathSegment } from '../parse/nodes';
import { stringRecord } from './labels';
import { sourceOf } from './placed';
import { obj, type Obj } from '../util/json';

/**
 * An object a controller creates: Flagger for a Canary, Istio's gateway controller for a Gateway API Gateway
 * (gatewayController.ts). Read like any other, reported on never.
 */
export class GeneratedResource implements WorkspaceResource {
  readonly group: string;
  readonly version: string;
  readonly basePath: readonly PathSegment[] = [];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>> = {};

  constructor(
    /** The Canary (or Gateway) it is created for. */
    readonly owner: WorkspaceResource,
    readonly apiVersion: string,
    readonly kind: string,
    readonly name: string,
    readonly value: Obj,
  ) {
    const slash = apiVersion.indexOf('/');
    this.group = slash < 0 ? '' : apiVersion.slice(0, slash);
    this.version = apiVersion.slice(slash + 1);
    this.labels = stringRecord(obj(value.metadata).labels);
  }
  get file() {
    return this.owner.file;
  }
  get doc() {
    return this.owner.doc;
  }
  get ns(): string {
    return this.owner.ns;
  }
  get nsKnown(): boolean {
    return this.owner.nsKnown;
  }
  get namespace(): string | null {
    return this.owner.namespace;
  }
  /** Its ranges are the Canary's targetRef (what it is generated from), or the owner. */
  node(_path: readonly PathSegment[]): Node | undefined {
    return this.owner.node(['spec', 'targetRef']) ?? this.owner.node([]);
  }
}

/** Whether a resource is one a controller creates (GeneratedResource), placed or not. */
export const isGenerated = (r: WorkspaceResource): boolean => sourceOf(r) instanceof GeneratedResource;
