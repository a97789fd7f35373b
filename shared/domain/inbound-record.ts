/** What became of one inbound mail; kept so that the secretariat can review it. */
export interface InboundRecord {
  messageId: string;
  receivedAt: string;
  from: string;
  subject: string;
  state: 'processing' | 'applied' | 'unchanged' | 'ignored' | 'review';
  reason?: string;
  sessionId?: string;
  invitationId?: string;
  procedureId?: string;
  ballotId?: string;
  channel?: 'calendar' | 'mail';
}
