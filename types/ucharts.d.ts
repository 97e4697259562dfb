/** @qiun/ucharts ships no types: the constructor draws a chart on the context it is given. */
declare module '@qiun/ucharts' {
  export default class UCharts {
    constructor(options: Record<string, unknown>)
  }
}
