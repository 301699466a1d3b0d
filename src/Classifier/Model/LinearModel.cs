using System.IO.Compression;
using System.Text;
using MailFilter.Classifier.Features;

namespace MailFilter.Classifier.Model;

/// <summary>
/// A trained harassment model as the scorer uses it: one weight per hashed feature, a bias and the Platt
/// calibration that turns a raw score into a probability. Stored as a small gzip'd binary file holding only the
/// non-zero weights, so that scoring needs no ML.NET engine and is safe to share between threads.
/// </summary>
public sealed class LinearModel
{
    const string Magic = "MFHC";
    const int FormatVersion = 2;

    public LinearModel(FeatureSpace space, float[] weights, float bias, float plattSlope, float plattOffset, string version)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != space.Dimension)
            throw new ArgumentException($"Expected {space.Dimension} weights, got {weights.Length}.", nameof(weights));
        Space = space;
        Weights = weights;
        Bias = bias;
        PlattSlope = plattSlope;
        PlattOffset = plattOffset;
        Version = version;
    }

    public FeatureSpace Space { get; }
    internal float[] Weights { get; }
    public float Bias { get; }
    public float PlattSlope { get; }
    public float PlattOffset { get; }
    public string Version { get; }

    /// <summary>The same weights with another Platt calibration.</summary>
    public LinearModel WithCalibration(float slope, float offset) => new(Space, Weights, Bias, slope, offset, Version);

    public int NonZeroWeights => Weights.Count(w => w != 0);

    /// <remarks>ML.NET's Platt form: a logistic regression has slope -1 and offset 0, so this is the sigmoid of the score.</remarks>
    public double Probability(double rawScore) => 1.0 / (1.0 + Math.Exp(PlattSlope * rawScore + PlattOffset));

    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        writer.Write(Version);
        writer.Write(Space.WordBits);
        writer.Write(Space.CharacterBits);
        writer.Write(Space.MinCharGram);
        writer.Write(Space.MaxCharGram);
        writer.Write(Space.WordCountFloor);
        writer.Write(Space.CharacterCountFloor);
        writer.Write(Space.LengthExponent);
        writer.Write(Space.UsesWordClasses);
        writer.Write(Bias);
        writer.Write(PlattSlope);
        writer.Write(PlattOffset);
        writer.Write(NonZeroWeights);
        // Delta-coded indices compress far better than absolute ones.
        var previous = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            if (Weights[i] == 0)
                continue;
            writer.Write7BitEncodedInt(i - previous);
            writer.Write(Weights[i]);
            previous = i;
        }
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    public static LinearModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        try
        {
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
                throw new InvalidDataException("Not a MailFilter harassment model.");
            var format = reader.ReadInt32();
            if (format is not (1 or FormatVersion))
                throw new InvalidDataException($"Unsupported model format {format}.");
            var version = reader.ReadString();
            var space = new FeatureSpace(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(),
                wordClasses: format >= 2 && reader.ReadBoolean());
            var bias = reader.ReadSingle();
            var slope = reader.ReadSingle();
            var offset = reader.ReadSingle();
            var count = reader.ReadInt32();
            var weights = new float[space.Dimension];
            var index = 0;
            for (var n = 0; n < count; n++)
            {
                index += reader.Read7BitEncodedInt();
                weights[index] = reader.ReadSingle();
            }
            return new LinearModel(space, weights, bias, slope, offset, version);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException("The model file is truncated or corrupt.", e);
        }
    }

    public static LinearModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }
}
