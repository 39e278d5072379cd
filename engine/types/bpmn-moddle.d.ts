// bpmn-moddle ships its types under 'bpmn-moddle/types' without mapping the package root;
// the engine needs only this much of it.
declare module 'bpmn-moddle' {
  export interface ParseWarning {
    message: string;
    element?: { id?: string; $type?: string };
  }
  export interface ParseResult {
    rootElement: unknown;
    warnings: ParseWarning[];
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
