// Cold start of mms-client in a fresh process: import the built package,
// open the participant's PKCS#12 file, create the client. Prints the
// process's CPU time (Node's own start included) as JSON.
const [dist, p12, passphrase] = process.argv.slice(2);
const { Certificate, MmsClient } = await import(`${dist}/src/index.js`);
const certificate = await Certificate.fromFile(p12, passphrase);
const client = new MmsClient({
  participant: 'F100',
  user: 'FAKEUSER',
  clientType: 'bsp',
  certificate,
  domain: 'bench.example.jp',
  environment: 'test',
});
client.close();
const u = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ cpu: (u.user + u.system) / 1000, rss: process.memoryUsage().rss })}\n`,
);
