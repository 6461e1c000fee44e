// A rule is one module: its meta (id, docs, severity, fixable) beside its logic, like ESLint's.
import type { Severity, FixData, EngineDiagnostic } from './diagnostic';
import type { ParsedDoc, ParsedFile, ResourceHeader } from '../parse/parseFile';
import type { EngineEnv } from './env';

export interface RuleMeta {
  /** The diagnostic code, which is also the rule's file name under engine/rules/. */
  id: string;
  /** Further codes the same rule emits (e.g. the schema rule's invalid-type, invalid-enum...). */
  codes?: readonly string[];
  description: string;
  severity: Severity;
  fixable: boolean;
  /** 'resource': Kubernetes resources only. 'yaml': every document of a file that holds a resource. */
  appliesTo: 'resource' | 'yaml';
  docsUrl?: string;
}

export interface Report {
  /** The offending YAML node (or pair key); its value span becomes the range. */
  node?: unknown;
  /** Explicit [start, end) offsets; wins over node. */
  span?: [number, number];
  code?: string;
  message: string;
  severity?: Severity;
  related?: { span: [number, number]; message: string }[];
  data?: FixData;
  tags?: (1 | 2)[];
  docsUrl?: string;
}

export interface RuleContext {
  readonly file: ParsedFile;
  readonly doc: ParsedDoc;
  /** Non-null for rules with appliesTo 'resource'. */
  readonly resource: ResourceHeader | null;
  readonly env: EngineEnv;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { EngineDiagnostic };
