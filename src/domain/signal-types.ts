/** The kinds of evidence the lexicon names (shared by the English and the other-language lexicons). */
export type SignalGroup =
  | "ask" // asks for a conversation
  | "purpose" // the conversation is about someone's career path / field
  | "connection" // names a connection, referral or how the sender found the person
  | "after" // evidence of a conversation that happened (thanks for the call)
  | "update" // news for someone who helped before (keeping in touch)
  | "offer" // offers to talk or help (the asker is the other side)
  | "hiring" // formal hiring process
  | "recruiter" // recruiter/agency pitch
  | "sales" // sales pitch
  | "bulk" // newsletters, notifications, list mail
  | "event" // fairs, expos, webinars
  | "programme" // mentoring-programme / course logistics
  | "press" // press, podcast or research interview requests
  | "work"; // a work matter: advice or a meeting about a project, a client, a schedule

/** Which texts a signal can match: any ("en", read always), Latin-script languages other than English, or CJK. */
export type Tier = "en" | "latin" | "cjk" | "arabizi";
