/** One thing wrong with catalog data, precise enough to fix: which row, which field, which rule. */
export interface CatalogIssue {
  /** A stable machine code, e.g. `unknown-department`, `duplicate-code`, `unknown-time-unit`. */
  code: string;
  message: string;
  messageZh: string;
  /** 1-based data row of an import file (the header is row 1, so data starts at 2). */
  row?: number;
  /** Column header (imports) or JSON pointer inside the document. */
  field?: string;
  /** The matter or implementation code the issue belongs to. */
  key?: string;
  /** JSON pointer inside the document, when `field` names an import column instead. */
  pointer?: string;
}

export type CatalogErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'too-large';

/** Raised at the catalog's edge when a command is refused; nothing has been written. */
export class CatalogError extends Error {
  constructor(
    readonly kind: CatalogErrorKind,
    message: string,
    readonly messageZh: string,
    readonly issues: CatalogIssue[] = [],
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

export const notFound = (what: string, whatZh: string, code: string): CatalogError =>
  new CatalogError('not-found', `No ${what} '${code}'`, `${whatZh}“${code}”不存在`);

export function invalid(issues: CatalogIssue[], message = 'The catalog data is invalid', messageZh = '事项目录数据不合法'): CatalogError {
  return new CatalogError('invalid', `${message} (${issues.length} error${issues.length === 1 ? '' : 's'})`, `${messageZh}（共 ${issues.length} 处错误）`, issues);
}
