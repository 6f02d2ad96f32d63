// Cold start of node-soap in a fresh process: require it and create a
// client from the MI WSDL (which imports no schema files). Prints the
// process's CPU time (Node's own start included) as JSON.
const [wsdl] = process.argv.slice(2);
const soap = require('soap');
soap.createClientAsync(wsdl).then(() => {
  const u = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ cpu: (u.user + u.system) / 1000, rss: process.memoryUsage().rss })}\n`,
  );
});
