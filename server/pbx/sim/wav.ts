/**
 * What the simulator plays back as a stored recording: 16-bit mono PCM WAV at 8 kHz (what Asterisk
 * writes for `format=wav`), a quiet two-tone hum standing in for a conversation.
 */
export const SIM_WAV_RATE = 8000;

export function simulatedRecordingWav(durationSec: number, rate = SIM_WAV_RATE): Buffer {
  const samples = Math.max(1, Math.round(durationSec * rate));
  const data = samples * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + data, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(data, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    // Two speakers taking turns every second and a half.
    const f = Math.floor(t / 1.5) % 2 === 0 ? 220 : 330;
    buf.writeInt16LE(Math.round(2000 * Math.sin(2 * Math.PI * f * t)), 44 + i * 2);
  }
  return buf;
}
