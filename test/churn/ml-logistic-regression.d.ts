// The package ships no types; this covers what the reference comparison uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: { weights: Matrix }[];
    train(x: Matrix, y: Matrix): void;
    predict(x: Matrix): number[];
  }
}
