// The shapes of Istio's annotation and label catalogue (catalogue.gen.json holds the data, catalogue.ts reads it).

export type FeatureStatus = 'Alpha' | 'Beta' | 'Stable';

export interface IstioKey {
  name: string;
  description: string;
  featureStatus: FeatureStatus;
  deprecated: boolean;
  hidden: boolean;
  /** Kinds it applies to; 'Any' for every kind. */
  resources: readonly string[];
}

export interface AnnotationMessage {
  name: string;
  level: 'Error' | 'Warning' | 'Info';
  template: string;
}
