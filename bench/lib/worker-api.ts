import type { Scope } from '@handover/protocol';

/** One simulated screen: where it may connect (in order of preference), its credential and scope. */
export interface ClientSpec {
  id: number;
  urls: string[];
  token: string;
  scope: Scope;
}

/** The events the sender had accepted in a measurement window, as columns (cheap to pass around). */
export interface EventTable {
  eventIds: string[];
  /** Epoch ms (sub-ms precision) just before the request carrying the event was written. */
  sendTimes: Float64Array;
  siteCodes: string[];
  ambulanceTrustCodes: string[];
}

export interface ConnectResult {
  connected: number;
  failed: number;
  failures: string[];
  /** Per client: ms from opening the socket to its snapshot. */
  connectMs: Float64Array;
}

export interface DeliveryResult {
  /** Receive time minus send time of each expected event, first copy only. */
  latencies: Float64Array;
  expected: number;
  delivered: number;
  /** Missing from clients that are live: really lost. */
  lost: number;
  /** Missing from clients still reconnecting when the window closed: not delivered yet. */
  pending: number;
  pendingClients: number;
  doubled: number;
  /** Events this client's scope should never have seen. */
  outOfScope: number;
  clientsWithLoss: number;
  clientsWithDoubles: number;
  /** Connections lost in the window (and re-established by the client's backoff). */
  disconnects: number;
  resumes: number;
  /** Reconnects answered with a full snapshot instead of a resume. */
  resnapshots: number;
  closeCodes: Record<string, number>;
  problems: string[];
}

export interface RecoveryResult {
  clients: number;
  /** Clients whose connection was lost after `since` and that are live again. */
  recovered: number;
  /** Of those: how long after `since` each was live again. */
  recoveryMs: Float64Array;
  resumed: number;
  resnapshotted: number;
  stillDown: number;
  /** Connection attempts per recovered client. */
  attempts: Float64Array;
}

export type WorkerApi = {
  connect: { args: { clients: ClientSpec[]; concurrency: number }; result: ConnectResult };
  mark: { args: Record<string, never>; result: { clients: number } };
  count: { args: Record<string, never>; result: { deliveries: number } };
  collect: { args: { table: EventTable }; result: DeliveryResult };
  recovery: { args: { since: number }; result: RecoveryResult };
  /** Clients still reconnecting stop trying, so the results are not read in the middle of a resume. */
  freeze: { args: Record<string, never>; result: { frozen: number } };
  disconnect: { args: Record<string, never>; result: { closed: number } };
};
