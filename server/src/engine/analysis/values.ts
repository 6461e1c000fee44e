// The defensive value readers live in util/ (the webhook layer below uses them too).
export * from '../util/values';
