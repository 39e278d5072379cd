/**
 * The XML as the user imported (or opened) it, kept until they change something: saving a draft,
 * exporting or deploying an untouched model gives back exactly the file they brought, including
 * what bpmn-js does not draw or understand. Once they edit, the model is serialised from bpmn-js's
 * moddle, which keeps what it read (see keep-*.ts for what it would otherwise lose).
 */
interface SavesXml {
  saveXML(options: { format: boolean }): Promise<{ xml?: string }>;
  get(service: 'eventBus'): { on(event: string, callback: (event: { trigger?: string }) => void): void };
}

export class ImportedXml {
  private original: string | undefined;
  private edited = false;

  constructor(private readonly modeler: SavesXml) {
    // 'clear' comes with every import and every switch between diagrams; only commands are edits.
    modeler.get('eventBus').on('commandStack.changed', (event) => {
      if (event.trigger === 'execute' || event.trigger === 'undo' || event.trigger === 'redo') this.edited = true;
    });
  }

  /** Call after a successful importXML of this XML. */
  imported(xml: string): void {
    this.original = xml;
    this.edited = false;
  }

  get isEdited(): boolean {
    return this.edited || this.original === undefined;
  }

  async xml(): Promise<string> {
    if (!this.isEdited && this.original !== undefined) return this.original;
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }
}
