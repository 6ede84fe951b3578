import { AsyncLocalStorage } from 'node:async_hooks';

/** Raised when code mixes the outer database handle with a transaction's: a bug that would deadlock or escape the transaction. */
export class TransactionMisuseError extends Error {
  override name = 'TransactionMisuseError';
}

/** The open transaction of the current async call chain, per database handle. */
export interface TransactionFrame {
  owner: object;
}

export const transactionScope = new AsyncLocalStorage<TransactionFrame>();

/** True when the current async call chain is inside a transaction opened on `owner`. */
export function insideTransactionOf(owner: object): boolean {
  return transactionScope.getStore()?.owner === owner;
}
