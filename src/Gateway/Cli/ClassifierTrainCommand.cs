using System.CommandLine;
using MailFilter.Classifier.Data;
using MailFilter.Classifier.Feedback;
using MailFilter.Classifier.Training;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter classifier train --data FILE... [--feedback FILE...] --out MODEL</c>.</summary>
public static class ClassifierTrainCommand
{
    static readonly Option<string[]> Data = new("--data") { Description = "Labelled CSV/TSV file(s).", Required = true, AllowMultipleArgumentsPerToken = true };
    static readonly Option<string[]> Feedback = new("--feedback") { Description = "Reviewer decision file(s) (JSON Lines) to train on as well." };
    static readonly Option<float> FeedbackWeight = new("--feedback-weight") { Description = "How much one reviewer decision counts against one corpus row.", DefaultValueFactory = _ => 3f };
    static readonly Option<string> Out = new("--out") { Description = "The model file to write.", Required = true };
    static readonly Option<string> Version = new("--model-version") { Description = "The version name; a fingerprint of the weights is appended.", DefaultValueFactory = _ => new TrainingOptions().Version };

    static readonly Option<float?> L1 = new("--l1") { Description = "L1 regularisation. Default: the shipped model's." };
    static readonly Option<float?> L2 = new("--l2") { Description = "L2 regularisation. Default: the shipped model's." };

    static readonly Option<string?> CalibrateSplit = new("--calibrate-split") { Description = "Refit the probability calibration on the rows of this split (e.g. test), which training does not see." };
    static readonly Option<bool> NonNegative = new("--non-negative") { Description = "Only positive evidence: no word may lower the score." };

    public static Command Create()
    {
        var command = new Command("train", "Train the harassment model (deterministic: the same data gives the same model).");
        command.Options.Add(Data);
        command.Options.Add(Feedback);
        command.Options.Add(FeedbackWeight);
        command.Options.Add(Out);
        command.Options.Add(Version);
        command.Options.Add(L1);
        command.Options.Add(L2);
        command.Options.Add(NonNegative);
        command.Options.Add(CalibrateSplit);
        ClassifierDataOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => ClassifierCommand.RunAsync("train", async () =>
        {
            var source = ClassifierDataOptions.From(parse);
            var examples = parse.GetValue(Data)!.SelectMany(file => LabelledDataReader.Read(file, source)).ToList();
            if (examples.Count == 0)
                throw new InvalidDataException("no rows to train on: check --split and the column options");
            var weight = parse.GetValue(FeedbackWeight);
            var feedback = (parse.GetValue(Feedback) ?? []).SelectMany(FeedbackLog.Read).Select(d => d.ToExample(weight)).ToList();
            examples.AddRange(feedback);
            var options = new TrainingOptions { Version = parse.GetValue(Version)! };
            options = options with
            {
                L1Regularization = parse.GetValue(L1) ?? options.L1Regularization,
                L2Regularization = parse.GetValue(L2) ?? options.L2Regularization,
                NonNegativeWeights = parse.GetValue(NonNegative) || options.NonNegativeWeights,
            };
            var model = HarassmentTrainer.Train(examples, options);
            if (parse.GetValue(CalibrateSplit) is { } calibrationSplit)
            {
                var heldOut = parse.GetValue(Data)!.SelectMany(file => LabelledDataReader.Read(file, source with { Split = calibrationSplit })).ToList();
                model = PlattCalibration.Fit(model, heldOut);
            }
            var output = parse.GetValue(Out)!;
            model.Save(output);
            await Console.Out.WriteLineAsync(
                $"{model.Version}: {examples.Count} examples ({examples.Count(e => e.Label)} harassing, {feedback.Count} from reviewers), {model.NonZeroWeights} weights -> {output}");
            return 0;
        }));
        return command;
    }
}
