// Label selection lives in util (the API server validation below analysis uses it too).
export * from '../util/labels';
