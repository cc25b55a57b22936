// A script that stays up until it is killed, for test/e2e/process.test.ts.
console.log('up');
setInterval(() => {}, 60_000);
