/* saxen (the XML parser under bpmn-moddle) ships no types; only what test/support/xml-semantics.ts uses. */
declare module 'saxen' {
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: string, callback: (...args: never[]) => void): this;
    parse(xml: string): this;
  }
}
