/** Word pools for the mailbox generator: people, organisations and short texts (our own wording). */

export const FIRST_NAMES = [
  "Maria",
  "José",
  "Zoë",
  "Aiko",
  "Liam",
  "Priya",
  "Søren",
  "Chen",
  "Amara",
  "Noah",
  "Fatima",
  "Lukas",
  "Olivia",
  "Mateo",
  "Ingrid",
  "Kwame",
  "Elena",
  "Raj",
  "Hannah",
  "Tomás",
  "Yuki",
  "Grace",
  "Omar",
  "Björn",
] as const;

export const LAST_NAMES = [
  "Álvarez",
  "Okafor",
  "Müller",
  "Tanaka",
  "Nguyen",
  "Patel",
  "Larsen",
  "Kowalski",
  "O'Brien",
  "García",
  "Schmidt",
  "Dubois",
  "Haddad",
  "Rossi",
  "Johansson",
  "Mensah",
  "Ivanova",
  "Costa",
  "Fischer",
  "Brennan",
] as const;

export const ORGANISATIONS = [
  { name: "Northwind Analytics", domain: "northwind.example.com" },
  { name: "Bluefin Health", domain: "bluefin-health.example.org" },
  { name: "Lumen Robotics", domain: "lumen-robotics.example.com" },
  { name: "Cedar & Pine Design", domain: "cedarpine.example.net" },
  { name: "Harbor City Council", domain: "harborcity.example.gov" },
  { name: "Atlas Logistics", domain: "atlas-logistics.example.com" },
  { name: "Quill Publishing", domain: "quill.example.co.uk" },
  { name: "Sunrise Energy", domain: "sunrise-energy.example.com" },
] as const;

export const FRIEND_DOMAINS = ["mailbox.example.com", "inbox.example.net", "post.example.org"] as const;

export const NEWSLETTERS = [
  { name: "The Weekly Byte", address: "news@weeklybyte.example.com", subject: "This week: {topic}" },
  { name: "Café Insider", address: "hello@cafe-insider.example.com", subject: "Your café picks for {topic}" },
  { name: "JobBoard Alerts", address: "alerts@jobboard.example.com", subject: "12 new roles matching {topic}" },
  { name: "City Library", address: "events@library.example.org", subject: "Events this month: {topic}" },
] as const;

export const RECEIPTS = [
  { name: "Parcel Service", address: "no-reply@parcels.example.com", subject: "Your parcel is on its way" },
  { name: "Bank Notifications", address: "notify@bank.example.com", subject: "Statement available" },
  { name: "Calendar", address: "calendar-notification@example.com", subject: "Reminder: dentist tomorrow" },
] as const;

export const TOPICS = [
  "data engineering",
  "product design",
  "urban planning",
  "clinical research",
  "supply chains",
  "renewable energy",
  "publishing",
  "machine learning",
  "public policy",
  "user research",
] as const;

export const CHAT_SUBJECTS = [
  "Dinner on Friday?",
  "Photos from the weekend",
  "Book club — next pick",
  "Moving boxes",
  "Quick question",
  "Weekend hike",
  "Rent receipt",
  "Birthday plans 🎉",
  "Re-usable bags",
  "Sunday brunch",
] as const;

export const CHAT_LINES = [
  "Sounds good to me, let's do it.",
  "I can bring the salad if someone handles dessert.",
  "Thanks for sending these, they came out great.",
  "Let me check and get back to you tonight.",
  "Works for me. See you then!",
  "Could you forward me the address again?",
  "Ha, that's a good one. Talk soon.",
] as const;

export const ROLES = [
  "senior analyst",
  "product manager",
  "staff engineer",
  "research lead",
  "design director",
  "policy advisor",
] as const;
