import bcrypt from 'bcryptjs';

// bcryptjs: a maintained, pure-JavaScript bcrypt (no native build, which this closed network
// and npm's blocked install scripts would make fragile). Cost 12 is OWASP's current floor for bcrypt.
const COST = Number(process.env.PATHWEAVE_BCRYPT_COST ?? 12);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;
/** A real hash to compare against when the email is unknown, so timing does not reveal which emails exist. */
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash('no such account', COST);
  return dummy;
}
