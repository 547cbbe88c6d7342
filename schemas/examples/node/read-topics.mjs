// Reads Eventline topics written in Confluent's framing (eventline.emitter.wire-format=confluent)
// with nothing but stock clients: kafkajs for Kafka, Confluent's registry client pointed at the
// emitter's read-only registry API. One JSON line per event on stdout.
//
//   node read-topics.mjs <bootstrap servers> <registry url> <topic,topic,...> [events to read]
//
// Without a count it reads until interrupted; with one it stops after that many events. Records in
// single-object encoding (written before a deployment moved to Confluent's framing; their
// content-type header says encoding=single-object) are skipped and counted on stderr: these clients
// cannot read them, the schemas jar's Java deserializer reads both.
import kafkajs from 'kafkajs';
import { AvroDeserializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import lz4 from 'lz4js';

const { CompressionCodecs, CompressionTypes, Kafka, logLevel } = kafkajs;

const [bootstrap, registryUrl, topicList, countArg] = process.argv.slice(2);
if (!bootstrap || !registryUrl || !topicList) {
  console.error('usage: node read-topics.mjs <bootstrap servers> <registry url> <topics> [count]');
  process.exit(2);
}
const wanted = countArg === undefined ? Infinity : Number(countArg);

// The emitter's producer compresses with LZ4, which kafkajs leaves to a codec you register: this
// one is pure JavaScript (lz4js reads and writes the LZ4 frames Kafka uses).
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});

const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
// Values carry their schema id; the registry turns it into the writer schema.
const values = new AvroDeserializer(registry, SerdeType.VALUE, {});

const kafka = new Kafka({ clientId: 'eventline-example', brokers: bootstrap.split(','), logLevel: logLevel.WARN });
// A group of its own, so every run reads the topics from the beginning.
const consumer = kafka.consumer({ groupId: `eventline-example-${process.pid}-${Date.now()}` });

// Avro longs arrive as numbers, bytes as Buffers: print both readably.
const printable = (key, value) => (typeof value === 'bigint' ? value.toString() : value);
const header = (headers, name) => headers[name]?.toString();

// kafkajs reports a crash as an event. A retriable one (a group coordinator still loading on a fresh
// cluster, a leader moving) restarts the consumer by itself (payload.restart); any other stops it,
// and a reader must not then sit silent.
consumer.on(consumer.events.CRASH, ({ payload }) => {
  const why = payload.error?.message ?? payload.error;
  if (payload.restart) {
    console.error(`consumer restarting after: ${why}`);
    return;
  }
  console.error(`consumer stopped: ${why}`);
  process.exit(1);
});

let seen = 0;
let skipped = 0;
await consumer.connect();
await consumer.subscribe({ topics: topicList.split(','), fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, partition, message }) => {
    if (!header(message.headers, 'content-type')?.includes('encoding=confluent')) {
      skipped += 1;
      if (skipped === 1 || skipped % 1000 === 0) {
        console.error(`skipped ${skipped} record(s) not in Confluent's framing`);
      }
      return;
    }
    const event = await values.deserialize(topic, message.value);
    const line = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString(),
      type: header(message.headers, 'ce_type'),
      source: header(message.headers, 'ce_source'),
      event,
    };
    console.log(JSON.stringify(line, printable));
    seen += 1;
    if (seen === wanted) {
      // Not awaited here: disconnect waits for this handler to return.
      setImmediate(() => consumer.disconnect().then(() => process.exit(0)));
    }
  },
});
