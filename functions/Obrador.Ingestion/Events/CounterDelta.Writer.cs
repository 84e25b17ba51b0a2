using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>Encoding of delta-log rows (format in <see cref="CounterDelta"/>).</summary>
internal sealed partial class CounterDelta
{
    /// <summary>
    /// Writes one batch's delta-log rows: one entry per counted event, in the order given, into a pooled buffer. Nothing
    /// is merged here (the fold merges as it decodes), so the hook spends no dictionary or key lookup per event.
    /// </summary>
    /// <remarks>Not thread safe; dispose to return the buffer.</remarks>
    internal sealed class Writer : IDisposable
    {
        // Keys are at most 1 KiB each (the service's limit), so an entry never crosses the capacity from below this.
        private const int CutAt = CounterBytes.RowCapacity - (8 * 1024);

        private readonly List<byte[]> _rows = [];
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private int _length;
        private string? _partitionKey;

        /// <summary>Entries written.</summary>
        public int Entries { get; private set; }

        /// <summary>One trending increment of <paramref name="units"/> (one event) for <paramref name="id"/> under <paramref name="pk"/>.</summary>
        public void Trending(string pk, string id, double units)
        {
            Start(TrendingKind, pk, id, 10 + 8);
            _buffer[_length++] = 1;
            Double(units);
            End();
        }

        /// <summary>A till sale of <paramref name="units"/>; applied in log order, so after every count written before it.</summary>
        public void Sale(string pk, string id, double units)
        {
            Start(InventoryKind, pk, id, 1 + 16);
            _buffer[_length++] = 0;
            Double(0);
            Double(units);
            End();
        }

        /// <summary>A stock count of <paramref name="onHand"/> at <paramref name="at"/>.</summary>
        public void Snapshot(string pk, string id, DateTimeOffset at, double onHand)
        {
            Start(InventoryKind, pk, id, 1 + 32);
            _buffer[_length++] = 1;
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), at.UtcTicks);
            _length += 8;
            Double(onHand);
            Double(0);
            Double(0);
            End();
        }

        /// <summary>The rows written, under <paramref name="partitionKey"/> with row keys <c>{rowKeyPrefix}|{chunk:D3}</c>; empty when no entry was written.</summary>
        public List<TableEntity> ToRows(string partitionKey, string rowKeyPrefix, DateTimeOffset now)
        {
            if (_length > 1)
            {
                Cut();
            }

            return [.. _rows.Select((bytes, i) => CounterBytes.Store(new TableEntity(partitionKey, $"{rowKeyPrefix}|{i:D3}") { ["WrittenAt"] = now }, bytes))];
        }

        /// <inheritdoc />
        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Start(byte kind, string pk, string id, int values)
        {
            var newPartition = !ReferenceEquals(pk, _partitionKey) && pk != _partitionKey;
            Ensure(1 + (newPartition ? 5 + Encoding.UTF8.GetMaxByteCount(pk.Length) : 0) + 5 + Encoding.UTF8.GetMaxByteCount(id.Length) + values);
            if (_length == 0)
            {
                _buffer[_length++] = Version;
            }

            _buffer[_length++] = newPartition ? (byte)(kind | NewPartition) : kind;
            if (newPartition)
            {
                Text(pk);
                _partitionKey = pk;
            }

            Text(id);
        }

        private void End()
        {
            Entries++;
            if (_length > CutAt)
            {
                Cut();
            }
        }

        private void Cut()
        {
            _rows.Add(_buffer.AsSpan(0, _length).ToArray());
            _length = 0;
            _partitionKey = null;
        }

        /// <summary>A 7-bit length-prefixed UTF-8 string, as <see cref="BinaryWriter.Write(string)"/> writes it.</summary>
        private void Text(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            var v = (uint)length;
            for (; v >= 0x80; v >>= 7)
            {
                _buffer[_length++] = (byte)(v | 0x80);
            }

            _buffer[_length++] = (byte)v;
            _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        }

        private void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
            _length += 8;
        }

        private void Ensure(int bytes)
        {
            if (_length + bytes + 1 <= _buffer.Length)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes + 1));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
