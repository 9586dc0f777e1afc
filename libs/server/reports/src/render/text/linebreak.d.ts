/** The Unicode line-breaking iterator pdfkit wraps text with (UAX #14); it ships no types of its own. */
declare module 'linebreak' {
  export interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    readonly string: string;
    nextBreak(): Break | null;
  }
}
