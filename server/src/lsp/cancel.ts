// A request the client cancelled (e.g. while we were busy validating) is answered with LSP's
// RequestCancelled error, as the protocol asks, instead of an empty result the client might show.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function isCancelled(token: CancellationToken | undefined): boolean {
  return token?.isCancellationRequested === true;
}
