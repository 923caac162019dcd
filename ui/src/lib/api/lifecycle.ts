// Typed wrappers of src-tauri/commands/lifecycle.rs: the Microsoft Customer Agreement,
// renewal, termination.
import type {
  AttestationStep,
  RenewalInput,
  RenewalReview,
  SignatoryInput,
  TerminationInput,
  TerminationReview,
  TerminationStep,
} from '../bindings';
import { call } from './call';

/** The signatory form's first values (the account's country, a fitting language). */
export const signatoryDefaults = (groupId: number): Promise<SignatoryInput> => call('signatory_defaults', { groupId });

/** Needs OVHcloud now (offline: code `offline`). Rejects a bad form with `problems`. */
export const createAttestation = (groupId: number, signatory: SignatoryInput): Promise<AttestationStep> =>
  call('create_attestation', { groupId, signatory });

/** Opens the exact page OVHcloud returned for the group in the system browser. */
export const openAttestation = (groupId: number): Promise<null> => call('open_attestation', { groupId });

/** The demo's attestation is signed from the window (on the simulator). */
export const demoSignAttestation = (groupId: number): Promise<null> => call('demo_sign_attestation', { groupId });

/** Queues the acceptance; answers the pending change's id. */
export const acceptAgreement = (groupId: number): Promise<number> => call('accept_agreement', { groupId });

export const reviewRenewal = (groupId: number, input: RenewalInput): Promise<RenewalReview> =>
  call('review_renewal', { groupId, input });

export const setRenewal = (groupId: number, input: RenewalInput): Promise<number> =>
  call('set_renewal', { groupId, input });

/** Needs OVHcloud now: it e-mails the token to confirm with. */
export const requestTermination = (licenceId: number): Promise<TerminationStep> =>
  call('request_termination', { licenceId });

export const reviewTermination = (licenceId: number, input: TerminationInput): Promise<TerminationReview> =>
  call('review_termination', { licenceId, input });

export const confirmTermination = (licenceId: number, input: TerminationInput): Promise<number> =>
  call('confirm_termination', { licenceId, input });
