import type { Duplex } from 'node:stream';

/**
 * A request Node's HTTP parser refuses before express sees it (a URL or headers past 16 KB, a broken request line):
 * Node answers 431 or 400 with no body; this says why as problem+json, as every other refusal does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (error as { code?: string }).code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason] = tooLarge ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify(
    tooLarge
      ? { type: 'https://matterflow.dev/problems/too-large', title: 'The URL or headers are too large (16 KB at most)', titleZh: '请求地址或请求头过长（最多 16 KB）', status }
      : { type: 'https://matterflow.dev/problems/malformed-request', title: 'The request cannot be read as HTTP', titleZh: '请求不是合法的 HTTP 请求', status },
  );
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
