/** The detection engine's public surface (pure: no I/O, no clock). */
export * from "./addresses.js";
export { type AgreedTimeResult, extractAgreedMeetings, type TimedMessage } from "./agreed-time.js";
export {
  type AssessMeetingOptions,
  assessMeeting,
  type ContactThreadInfo,
  indexThreadsByContact,
} from "./assess-meeting.js";
export {
  type AssessThreadOptions,
  assessThread,
  informationalContacts,
} from "./assess-thread.js";
export * from "./business-days.js";
export { DEFAULT_MODEL, type DetectionModel, decide } from "./detection-model.js";
export * from "./engine-types.js";
export { type EvaluateMailboxInput, evaluateMailbox } from "./evaluate-mailbox.js";
export type * from "./mail.js";
export { applyOverrides, type OverrideStore } from "./overrides.js";
export {
  heldBack,
  indexControls,
  type LoggedTouch,
  nextControlChange,
  type PersonControls,
  rulesFor,
  snoozeEnd,
} from "./person-controls.js";
export { isAutoReply } from "./reply-cues.js";
export {
  FEATURE_SIGNS,
  FEATURES,
  type FeatureName,
  type FeatureVector,
  opensWithSharedLink,
  type ThreadEvidence,
  threadEvidence,
} from "./thread-evidence.js";
export {
  buildThreads,
  isReplySubject,
  type MailThread,
  normalizeSubject,
  type ThreadableMessage,
} from "./threading.js";
export * from "./time-zone.js";
export { cutQuoted, visibleText } from "./visible-text.js";
