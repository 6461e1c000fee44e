// Placeholder until the schema bundle lands: the registry of generated schemas, keyed by group/version/kind.
export interface SchemaRegistry {
  readonly kindCount: number;
}
