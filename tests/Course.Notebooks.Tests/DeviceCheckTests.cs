namespace Course.Notebooks.Tests;

/// <summary>The engine's device check (issue 36): after a notebook that keeps a TorchSharp <c>device</c> variable
/// runs, every tensor and model it keeps must be on that device. The lessons run under it in
/// <see cref="LessonRunTests"/>; here the check is shown to fail when it should.</summary>
public class DeviceCheckTests
{
    // The check itself can fail on a machine with only a CPU: libtorch's meta device holds shapes without data, so a
    // notebook forced onto it keeps what it creates on the device there and whatever it forgets on the CPU.
    [Fact]
    public void A_tensor_or_model_kept_off_the_forced_device_fails_the_run_and_is_named()
    {
        var kit = $"{Kit.Root.Replace('\\', '/')}/lib/Course.Kit/bin";
        var dir = Directory.CreateTempSubdirectory().FullName;
        var nb = Path.Combine(dir, "devices.dib");
        File.WriteAllText(nb, $$"""
            #!csharp

            #r "{{kit}}/Course.Neural.dll"
            using TorchSharp;
            using Course.Neural;

            #!csharp

            var (device, why) = NeuralDevice.Choose();
            Console.WriteLine(why);
            var placed = torch.zeros(3, 2, device: device);
            var moved = torch.nn.Linear(2, 2).to(device);
            var forgotten = torch.ones(4);
            var unmoved = torch.nn.Linear(2, 3);
            var several = new[] { placed, torch.zeros(1) };
            var counted = placed.shape[0];

            """);
        var environment = new Dictionary<string, string> { ["COURSE_DEVICE"] = "meta" };
        var (code, output) = Kit.Course(TimeSpan.FromSeconds(120), environment, "run", nb, "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("devices.dib: tensors or models kept off the notebook's device: forgotten (cpu), unmoved (cpu), several (cpu)", output);
        Assert.Contains("Training on meta, as COURSE_DEVICE asks.", File.ReadAllText(Path.Combine(dir, "devices.ipynb")));
        environment["COURSE_DEVICE"] = "cpu";
        Assert.Equal(0, Kit.Course(TimeSpan.FromSeconds(120), environment, "run", nb, "--out", dir).Code);
    }
}
