import { readFileSync } from 'node:fs';
import { Certificate, MmsClient, MmsValidationError } from 'mms-client';

// The participant's PKCS#12 file; the passphrase comes from the environment, never from code.
const certificate = await Certificate.fromFile(
  process.env.MMS_CERT_FILE!,
  process.env.MMS_CERT_PASSPHRASE ?? '',
);

const client = new MmsClient({
  participant: 'F100',
  user: 'FAKEUSER',
  clientType: 'bsp',
  certificate,
  domain: 'example.co.jp',
  environment: 'test',
  // Your own endpoints (or the local simulator) instead of the MMS test host:
  ...(process.env.MMS_URL_MI ? { urls: { MI: process.env.MMS_URL_MI } } : {}),
  ...(process.env.MMS_CA_FILE ? { ca: readFileSync(process.env.MMS_CA_FILE) } : {}),
});

try {
  // One offer for the day-ahead market, one trading day; times are JST wall clock.
  const { data, messages, statistics } = await client.putOffer(
    { Date: '2024-03-15', MarketType: 'DAM', NumOfDays: 1 },
    {
      ResourceName: 'FAKE_RESO',
      StartTime: '2024-03-15T12:00:00',
      EndTime: '2024-03-15T21:00:00',
      Direction: '1',
      OfferStack: [{ StackNumber: 1, MinimumQuantityInKw: 1000, OfferUnitPrice: 100 }],
    },
  );
  console.log(
    `accepted in transaction ${statistics?.TransactionId}: offer id ${data?.OfferStack[0]?.OfferId ?? '(none)'}`,
  );
  for (const m of messages) console.log(`${m.level} ${m.code ?? ''} at ${m.path}: ${m.text}`);
} catch (error) {
  if (!(error instanceof MmsValidationError)) throw error;
  // `errors`: what the MMS said; `reasons`: statuses the client read as a rejection.
  for (const e of error.errors) console.error(`rejected at ${e.path}: [${e.code ?? ''}] ${e.text}`);
  for (const r of error.reasons) console.error(`rejected at ${r.path}: ${r.text}`);
  process.exitCode = 1;
} finally {
  client.close();
}
