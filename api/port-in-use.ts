/** Raised when the HTTP port is taken: main prints it as one line. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use (another Matterflow, or another program): stop it, or set PORT to another port. ` +
        `（端口 ${port} 已被占用：请先停止占用它的程序，或用 PORT 指定其他端口。）`,
    );
    this.name = 'PortInUseError';
  }
}
