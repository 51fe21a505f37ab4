export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_TEXT,
  PASSWORD_SYMBOLS,
  type PasswordProblem,
  passwordPolicyProblem,
} from "./password-policy.ts";
