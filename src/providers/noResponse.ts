// Both APIs send 0, not null or nothing, for "no response": the references' own examples
// carry `responseStatus: 0` / `httpStatusCode: 0` with `durationMs: 0` / `latencyMs: 0`.
// The rule, in one place for both providers:
// - an HTTP status that is not a positive number means no response was received;
// - a latency of 0 on an attempt without a response was not measured (nothing answered);
// - a latency of 0 WITH a response is kept: the docs define it as the attempt's wall-clock
//   time and give no sentinel for answered attempts, so it is a sub-millisecond answer.

export interface ResponseFigures {
  readonly httpStatus: number | undefined;
  readonly latencyMs: number | undefined;
}

export function responseFigures(status: number | undefined, latencyMs: number | undefined): ResponseFigures {
  const httpStatus = status !== undefined && status > 0 ? status : undefined;
  const measured = latencyMs === undefined || latencyMs < 0 || (latencyMs === 0 && httpStatus === undefined) ? undefined : latencyMs;
  return { httpStatus, latencyMs: measured };
}
