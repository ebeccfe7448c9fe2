// Passwords of 8 or more characters that head the public breach-frequency lists (the SecLists
// "10k most common" and NCSC "100k most common" lists, trimmed to what the length rule lets through).
// NIST SP 800-63B asks for a blocklist of this kind instead of composition rules. It is short on purpose:
// a long list belongs in a dedicated service (a k-anonymity range query), not in the bundle.
const COMMON = `
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa$$word
12345678 123456789 1234567890 12345678910 123123123 987654321 11111111 111111111 1111111111 00000000
000000000 12341234 123456123456 11223344 12121212 1q2w3e4r 1q2w3e4r5t 1qaz2wsx qwertyui qwertyuiop
qwerty123 qwerty1234 qwerty12 asdfghjk asdfghjkl zxcvbnm1 zxcvbnm123 1qazxsw2 zaq12wsx q1w2e3r4
q1w2e3r4t5 abcd1234 abc12345 abcdefgh abcdefg1 a1b2c3d4 iloveyou iloveyou1 iloveyou2 sunshine
sunshine1 princess princess1 football football1 baseball basketball superman batman123 starwars
trustno1 whatever welcome1 welcome123 letmein1 letmein123 monkey123 dragon123 master123 shadow123
michael1 jennifer jordan23 charlie1 computer internet service1 changeme changeme1 default1
administrator admin123 admin1234 adminadmin rootroot secret123 mypassword mypassword1 freedom1
liverpool chelsea1 arsenal1 manchester qazwsxedc qweasdzxc 88888888 66666666 55555555 99999999
77777777 22222222 44444444 33333333 13131313 69696969 7777777777 147258369 159753456 741852963
963852741 789456123 123654789 123qweasd 1234qwer qwer1234 asdf1234 zxcv1234 passport password!
spiderman pokemon1 minecraft fuckyou1 1234abcd loveyou1 blink182 metallica nirvana1 pussycat
cocacola samsung1 iphone123 google123 linkedin facebook1 twitter1 whatsapp aaaaaaaa abababab
`;

const BLOCKED = new Set(COMMON.split(/\s+/).filter(Boolean));

/** True when the password is on the blocklist, compared without case and surrounding spaces. */
export function isCommonPassword(password: string): boolean {
  return BLOCKED.has(password.trim().toLowerCase());
}

export const COMMON_PASSWORD_COUNT = BLOCKED.size;
