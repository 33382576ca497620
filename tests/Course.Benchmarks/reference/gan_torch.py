"""PyTorch's side of GanStepWorkload.cs: the same DCGAN / WGAN-GP models and steps, the same thread count.

Needs PyTorch: apt-get install python3-torch.
"""
import torch
from torch import nn
from torch.nn import functional as F


def init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0, 0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1, 0.02)
        nn.init.zeros_(m.bias)


def generator(k, w):
    return nn.Sequential(
        nn.Unflatten(1, (k, 1, 1)),
        nn.ConvTranspose2d(k, 2 * w, 7, 1, 0, bias=False), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 4, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
        nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Tanh(), nn.Flatten())


def discriminator(w, batch_norm):
    layers = [nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, w, 4, 2, 1), nn.LeakyReLU(0.2),
              nn.Conv2d(w, 2 * w, 4, 2, 1, bias=not batch_norm)]
    if batch_norm:
        layers.append(nn.BatchNorm2d(2 * w))
    layers += [nn.LeakyReLU(0.2), nn.Conv2d(2 * w, 1, 7), nn.Flatten()]
    return nn.Sequential(*layers)


def setup(arrays, params):
    torch.set_num_threads(int(params["threads"]))
    images = arrays["X"]
    steps, batch, wgan = int(params["steps"]), int(params["batch"]), bool(int(params["wgan"]))
    lr, betas = float(params["lr"]), (float(params["beta1"]), float(params["beta2"]))
    critic_steps, penalty_weight = int(params["critic_steps"]), float(params["penalty"])

    def run():
        torch.manual_seed(0)
        data = torch.tensor(images, dtype=torch.float32) * 2 - 1
        g, d = generator(64, 64), discriminator(64, not wgan)
        g.apply(init)
        d.apply(init)
        g_opt = torch.optim.Adam(g.parameters(), lr=lr, betas=betas)
        d_opt = torch.optim.Adam(d.parameters(), lr=lr, betas=betas)
        order, cursor = torch.randperm(data.shape[0]), 0
        d_losses = []
        for _ in range(steps):
            g.train()
            d.train()
            for _ in range(critic_steps):
                if cursor + batch > data.shape[0]:
                    order, cursor = torch.randperm(data.shape[0]), 0
                real = data[order[cursor:cursor + batch]]
                cursor += batch
                with torch.no_grad():
                    fake = g(torch.randn(batch, 64))
                d_opt.zero_grad()
                if wgan:
                    eps = torch.rand(batch, 1)
                    mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
                    grads = torch.autograd.grad(d(mixed).sum(), mixed, create_graph=True)[0]
                    gp = penalty_weight * (grads.norm(dim=1) - 1).square().mean()
                    loss = d(fake).mean() - d(real).mean() + gp
                else:
                    rs, fs = d(real).squeeze(1), d(fake).squeeze(1)
                    loss = F.binary_cross_entropy_with_logits(rs, torch.ones_like(rs)) + \
                        F.binary_cross_entropy_with_logits(fs, torch.zeros_like(fs))
                loss.backward()
                d_opt.step()
            d_losses.append(loss.item())
            g_opt.zero_grad()
            scores = d(g(torch.randn(batch, 64))).squeeze(1)
            g_loss = F.binary_cross_entropy_with_logits(scores, torch.ones_like(scores)) if not wgan else -scores.mean()
            g_loss.backward()
            g_opt.step()
        return steps, sum(d_losses) / len(d_losses)

    return run


def metrics(result):
    steps, d_loss = result
    return {"n_iter": float(steps), "d_loss": float(d_loss)}
